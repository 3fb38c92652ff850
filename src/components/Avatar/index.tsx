import { View } from '@tarojs/components'
import { avatarColor, avatarText } from './initials'
import './index.css'

export interface AvatarProps {
  name: string
  /** what picks the colour (userid or address) */
  colorKey: string
  size?: 'normal' | 'large'
}

export function Avatar({ name, colorKey, size = 'normal' }: AvatarProps) {
  const text = avatarText(name)
  return (
    <View
      className={`avatar avatar--${size} ${text.length > 1 ? 'avatar--two' : ''}`}
      style={{ background: avatarColor(colorKey) }}
      aria-hidden
    >
      {text}
    </View>
  )
}
