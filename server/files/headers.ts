// The response headers of a downloaded attachment: the stored type when it is a plain MIME type, a
// download (never rendered on the app's origin), and the name in RFC 6266 / 5987 form.

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i

/** the attachment's type when it is a bare `type/subtype`, else application/octet-stream */
export function downloadType(contentType: string): string {
  const t = contentType.trim()
  return MIME_TYPE.test(t) ? t.toLowerCase() : 'application/octet-stream'
}

/** RFC 5987 attr-char: what encodeURIComponent leaves but the grammar does not allow is escaped too */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `attachment; filename="ascii"; filename*=UTF-8''…`: old clients take the ASCII one, the rest the exact name */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_')
      .trim() || 'download'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`
}
