// H5: page-container does not exist in the browser; a history entry does its work (./history.ts).
import { useEffect, useRef } from 'react'
import type { BackClosesProps } from './BackCloses'
import { holdBack } from './history.h5'

export function BackCloses({ onBack }: BackClosesProps) {
  const latest = useRef(onBack)
  latest.current = onBack
  useEffect(() => holdBack(() => latest.current()), [])
  return null
}
