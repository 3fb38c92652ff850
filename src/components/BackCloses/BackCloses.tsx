// Back closes an open sheet before it leaves the page (issue 17). WeChat's own way: a page-container
// intercepts the back gesture, the navigation bar's back and navigateBack once while it is shown.
// This one is empty and hidden; the sheet is the visible part. The H5 build takes BackCloses.h5.tsx.
import { useRef, useState } from 'react'
import { PageContainer } from '@tarojs/components'

export interface BackClosesProps {
  /** a back while the sheet is mounted: close it (or ask first) */
  onBack(): void
}

export function BackCloses({ onBack }: BackClosesProps) {
  // a used container intercepts no more: a sheet still open after onBack gets a fresh one
  const [round, setRound] = useState(0)
  const latest = useRef(onBack)
  latest.current = onBack
  return (
    <PageContainer
      key={round}
      show
      overlay={false}
      duration={0}
      customStyle="display:none"
      onBeforeLeave={() => {
        latest.current()
        setRound((n) => n + 1)
      }}
    />
  )
}
