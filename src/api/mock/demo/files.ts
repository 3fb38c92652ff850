// The demo's attachments (product spec 4.2: a small PDF, an image, an xlsx), real files that open
// in WeChat's document viewer and the browser. The PDFs are written here (text only, ASCII: the
// standard Helvetica font has no Chinese); the image and the workbook are tiny files kept as base64.

/** 48×32 PNG: sky, lawn and sun (122 bytes) */
export const PHOTO_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAMAAABjCgsuAAAACVBMVEWOxfxMr1D/wQcPkaFQAAAALElEQVR42mNgGBGACQRIVU+CDiYmEnUMBw0khxLp8TAKyAGMJIJRDaMacAAAAekCy3HuYtYAAAAASUVORK5CYII='

/** 报价单.xlsx: one sheet, X200 × 30 with the 5 % discount and a formula total (1.7 KB) */
export const QUOTE_XLSX =
  'UEsDBBQAAAAIAABQdF1uYbgN/gAAAC0CAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbK2RzU7DMBCEX8XytYqdckAIJe2BnyNwKA+w2JvEiv/kdUv69jhp4YAKXDit7JnZb2Q328lZdsBEJviWr0XNGXoVtPF9y193j9UNZ5TBa7DBY8uPSHy7aXbHiMRK1lPLh5zjrZSkBnRAIkT0RelCcpDLMfUyghqhR3lV19dSBZ/R5yrPO/imuccO9jazh6lcn3oktMTZ3ck4s1oOMVqjIBddHrz+RqnOBFGSi4cGE2lVDFxeJMzKz4Bz7rk8TDIa2Quk/ASuuORk5XtI41sIo/h9yYWWoeuMQh3U3pWIoJgQNA2I2VmxTOHA+NXf/MVMchnrfy7ytf+zh1y+e/MBUEsDBBQAAAAIAABQdF2Y2uuLrgAAACcBAAALAAAAX3JlbHMvLnJlbHONz8EOgjAMBuBXWXqXgQdjDIOLMeFq8AHmVgYB1mWbCm/vjmI8eGz69/vTsl7miT3Rh4GsgCLLgaFVpAdrBNzay+4ILERptZzIooAVA9RVecVJxnQS+sEFlgwbBPQxuhPnQfU4y5CRQ5s2HflZxjR6w51UozTI93l+4P7TgK3JGi3AN7oA1q4O/7Gp6waFZ1KPGW38UfGVSLL0BqOAZeIv8uOdaMwSCrwq+ebB6g1QSwMEFAAAAAgAAFB0XS0jM5vNAAAAHgEAAA8AAAB4bC93b3JrYm9vay54bWyNj01uwkAMha8y8r5M6KJCURI2VSX25QBDxiEjMnZkT/m5QqUuOQJnYNHrtD0HQyn7rvyn9/m9ar6Pg9miaGCqYTopwCC17AOta1i+vjzMwGhy5N3AhDUcUGHeVDuWzYp5Y7KctIY+pbG0Vtseo9MJj0j50rFEl/Ioa6ujoPPaI6Y42MeieLLRBYIboZT/MLjrQovP3L5FpHSDCA4uZfPah1GhqX4/6F815GI2/fN++vo8f38cc5breuFzVDBShtzIwk/BNpW9K+09XHMBUEsDBBQAAAAIAABQdF1a/YJrsQAAACgBAAAaAAAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHONz8kKwkAMBuBXGXK3aT2ISKdeROhV6gMM03ShnYXJuPTtHTyIBQ+eQvKTL6Q8Ps0s7hR4dFZCkeUgyGrXjraXcG3Omz0Ijsq2anaWJCzEcKzKC80qphUeRs8iGZYlDDH6AyLrgYzizHmyKelcMCqmNvTolZ5UT7jN8x2GbwPWpqhbCaFuCxDN4ukf23XdqOnk9M2QjT9O4MOFiQeimFAVeooSPiPGdymypAJWJa4+rF5QSwMEFAAAAAgAAFB0XSRRJbx0AQAAMgMAABgAAAB4bC93b3Jrc2hlZXRzL3NoZWV0MS54bWx1ks1OwkAUhV+lmZWSyLSdQpBMhwiNO1dI4rYpAzS2U9KZgD6AwZ8gumCnJurGxIS4c+HrCMJbOAVsKLa76bn3zP3O7eDKme8pPRpyN2Am0PIqUChzgqbL2iZoHB/ulYDChc2athcwaoJzykGF4H4QnvIOpUKRfsZN0BGiW4aQOx3q2zwfdCmTlVYQ+raQn2Eb8m5I7ebS5HtQV9Ui9G2XAYKXmmULm+Aw6Cuh5JCqEx0ONKAIE7jMcxmti1DqLidYkOnTzXT0iaEgGEYKdNaOapZjNv5YDEYpjlrmjLv3n7fb6XD8/ZU2ycryLQb3i5fHpAPKZHE8PY6nZ1xxIveTFi5y9giStd5mgpWslYrqVsWKKi1S1XM1Pafm9wsYtqLWAlK1jd4EHYrpUNZiJlfz14vZw3B6/ZxGiVY4W5BrVSbbhkQrSJSroTVfsiuBZ8R4RuZ/u5xP0sAsYzmo3jjasfSyhXb/tmHo/7cBN54ljN87+QVQSwECFAMUAAAACAAAUHRdbmG4Df4AAAAtAgAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAIAABQdF2Y2uuLrgAAACcBAAALAAAAAAAAAAAAAACAAS8BAABfcmVscy8ucmVsc1BLAQIUAxQAAAAIAABQdF0tIzObzQAAAB4BAAAPAAAAAAAAAAAAAACAAQYCAAB4bC93b3JrYm9vay54bWxQSwECFAMUAAAACAAAUHRdWv2Ca7EAAAAoAQAAGgAAAAAAAAAAAAAAgAEAAwAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHNQSwECFAMUAAAACAAAUHRdJFElvHQBAAAyAwAAGAAAAAAAAAAAAAAAgAHpAwAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sUEsFBgAAAAAFAAUARQEAAJMFAAAAAA=='

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** base64 of text whose characters are all below U+0100 (one byte each) */
export function latin1Base64(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2)
    const left = text.length - i
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
    out += left > 1 ? B64[(n >> 6) & 63] : '='
    out += left > 2 ? B64[n & 63] : '='
  }
  return out
}

/** A one-page A4 PDF with these lines of ASCII text, as base64. */
export function textPdf(lines: string[]): string {
  const escape = (s: string) => s.replace(/[\\()]/g, '\\$&')
  const text = lines
    .map((l, i) => `BT /F1 ${i ? 12 : 18} Tf 56 ${780 - i * 24} Td (${escape(l)}) Tj ET`)
    .join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(pdf.length)
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const at of offsets) pdf += `${String(at).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return latin1Base64(pdf)
}
