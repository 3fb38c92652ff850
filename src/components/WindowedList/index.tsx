// A list of equal-height rows that keeps only the rows near the viewport mounted (the directory's
// 100,000 members). Our own, because @tarojs/components-advanced's VirtualList cost 20 KB of the
// main package for what fixed-height rows need in a few lines.
import { ScrollView, View } from '@tarojs/components'
import { useState, type ComponentType } from 'react'
import './index.css'
import { windowOf } from './windowOf'

export interface WindowedItemProps<T> {
  id: string
  index: number
  data: T[]
}

export interface WindowedListProps<T> {
  /** ids of the rows are `${id}-${index}` */
  id: string
  className?: string
  /** px */
  height: number
  width: number
  itemSize: number
  data: T[]
  item: ComponentType<WindowedItemProps<T>>
  /** rows mounted beyond each edge of the viewport */
  overscan?: number
  onScroll?: (e: { scrollOffset: number }) => void
}

export function WindowedList<T>(props: WindowedListProps<T>) {
  const { id, height, width, itemSize, data, item: Item, overscan = 6 } = props
  const [top, setTop] = useState(0)
  const [first, last] = windowOf(top, height, itemSize, data.length, overscan)
  const rows = []
  for (let i = first; i < last; i++) {
    rows.push(
      <View
        key={i}
        className="windowed-list__row"
        style={{ top: `${i * itemSize}px`, height: `${itemSize}px` }}
      >
        <Item id={`${id}-${i}`} index={i} data={data} />
      </View>,
    )
  }
  return (
    <ScrollView
      scrollY
      className={props.className}
      style={{ height: `${height}px`, width: `${width}px` }}
      onScroll={(e) => {
        const scrollTop = e.detail.scrollTop
        // Re-render only when the mounted window moves by a row, not on every pixel.
        if (Math.floor(scrollTop / itemSize) !== Math.floor(top / itemSize)) setTop(scrollTop)
        props.onScroll?.({ scrollOffset: scrollTop })
      }}
    >
      <View className="windowed-list__body" style={{ height: `${data.length * itemSize}px` }}>
        {rows}
      </View>
    </ScrollView>
  )
}
