import { Text } from '@tarojs/components'
import type { Segment } from './segments'
import './index.css'

export { highlightByPinyin, highlightText, type Segment } from './segments'

/** Text with its matched parts marked: plain text spans, never markup from data. */
export function Highlight({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <Text key={i} className="highlight" data-testid="highlight">
            {s.text}
          </Text>
        ) : (
          <Text key={i}>{s.text}</Text>
        ),
      )}
    </>
  )
}
