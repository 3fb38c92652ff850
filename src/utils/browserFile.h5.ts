// The browser's side of attachments and links (H5 builds only; browserFile.ts is WeChat's).

/** an object URL of the base64 bytes, let go a minute later (a new tab has loaded it by then) */
export function blobUrl(data: string, type: string): string {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: type || 'application/octet-stream' }))
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return url
}

/** our own file in a new tab (no opener to guard: it is our origin's blob); blocked popup → download */
export function openUrlInTab(url: string, name: string): void {
  if (!window.open(url, '_blank')) downloadUrl(url, name)
}

export function downloadUrl(url: string, name: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** a mail's link, after the member confirmed it: a new tab that cannot reach back into the app */
export function openInBrowser(href: string): void {
  window.open(href, '_blank', 'noopener')
}
