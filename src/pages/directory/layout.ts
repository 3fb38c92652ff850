// The virtual list needs numbers: its height and the row height in px. Both are read from the
// rendered layout (CSS px become rpx or rem per platform), with a computed fallback before layout.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { domRect } from './domRect'

/** row height in design px (750 wide), as in index.css .dir-probe */
export const ROW_DESIGN_PX = 128

export interface ListLayout {
  width: number
  height: number
  row: number
}

interface Rect {
  width?: number
  height?: number
}

function fallback(): ListLayout {
  const info = Taro.getSystemInfoSync()
  // a layout-less document (tests) reports 0: assume a phone
  const windowWidth = info.windowWidth || 375
  const windowHeight = info.windowHeight || 667
  const row = (ROW_DESIGN_PX * windowWidth) / 750
  return { width: windowWidth, height: Math.max(row * 4, windowHeight - row * 2), row }
}

/** measures #{boxId} (the list's room) and #{probeId} (one row) once the page has laid out */
export function useListLayout(boxId: string, probeId: string, remeasure: unknown): ListLayout | null {
  const [layout, setLayout] = useState<ListLayout | null>(null)
  useEffect(() => {
    let live = true
    const apply = (box: Rect | null | undefined, probe: Rect | null | undefined) => {
      if (!live) return
      const ok = box && probe && (box.height ?? 0) > 0 && (box.width ?? 0) > 0 && (probe.height ?? 0) > 0
      const next = ok ? { width: box.width!, height: box.height!, row: probe.height! } : fallback()
      setLayout((prev) =>
        prev &&
        Math.abs(prev.height - next.height) < 1 &&
        Math.abs(prev.width - next.width) < 1 &&
        Math.abs(prev.row - next.row) < 0.1
          ? prev
          : next,
      )
    }
    const measure = () => {
      if (process.env.TARO_ENV === 'h5') {
        // the DOM is right here (and the selector query needs a routed page, which tests lack)
        apply(domRect(boxId), domRect(probeId))
        return
      }
      Taro.createSelectorQuery()
        .select(`#${boxId}`)
        .boundingClientRect()
        .select(`#${probeId}`)
        .boundingClientRect()
        .exec((res: Array<Rect | null>) => apply(res?.[0], res?.[1]))
    }
    Taro.nextTick(measure)
    return () => {
      live = false
    }
  }, [boxId, probeId, remeasure])
  return layout
}
