// The browser's side of attachments and links (H5 builds only; browserFile.ts is WeChat's).
function blobUrl(data: string, type: string): string {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
  return URL.createObjectURL(new Blob([bytes], { type: type || 'application/octet-stream' }))
}

/** images and PDFs open in a new tab; other files download (a browser shows them no better) */
export function showInBrowser(data: string, type: string, name: string): void {
  const url = blobUrl(data, type)
  if (type.startsWith('image/') || type === 'application/pdf') window.open(url, '_blank', 'noopener')
  else download(url, name)
}

export function saveInBrowser(data: string, type: string, name: string): void {
  download(blobUrl(data, type), name)
}

function download(url: string, name: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

export function openInBrowser(href: string): void {
  window.open(href, '_blank', 'noopener')
}
