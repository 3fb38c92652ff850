// H5 only (Taro resolves this for './domRect' in the H5 build): the DOM is right here.
export function domRect(id: string): { width: number; height: number } | undefined {
  return document.getElementById(id)?.getBoundingClientRect()
}
