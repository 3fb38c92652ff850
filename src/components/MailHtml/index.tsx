// An HTML mail, shown safe: RichText nodes from the backend's sanitised HTML (never a string),
// remote images only after 显示图片, links listed under the body and opened only after a confirm.
import { RichText, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { mailNodes } from './nodes'
import './index.css'

export interface MailHtmlProps {
  html: string
  showImages: boolean
  onShowImages(): void
  /** the page confirms with the real target before anything opens */
  onOpenLink(href: string): void
}

export function MailHtml({ html, showImages, onShowImages, onOpenLink }: MailHtmlProps) {
  const { nodes, links, hiddenImages } = useMemo(() => mailNodes(html, showImages), [html, showImages])
  return (
    <View className="mail-html" data-testid="mail-html">
      {hiddenImages > 0 && (
        <View className="mail-html__images" hoverClass="cell-hover" role="button" onClick={onShowImages}>
          <Text className="mail-html__images-text">为保护隐私，已阻止 {hiddenImages} 张外部图片</Text>
          <Text className="mail-html__images-action">显示图片</Text>
        </View>
      )}
      {/* Mail styles assume a white page: the body stays on light paper in dark mode, as Gmail does. */}
      <View className="mail-html__paper">
        <RichText nodes={nodes as never} userSelect />
      </View>
      {links.length > 0 && (
        <View className="mail-html__links" data-testid="mail-links">
          <Text className="mail-html__links-title">邮件中的链接</Text>
          {links.map((href) => (
            <View
              key={href}
              className="mail-html__linkrow"
              hoverClass="cell-hover"
              role="button"
              onClick={() => onOpenLink(href)}
            >
              <Text className="mail-html__href">{href.replace(/^mailto:/i, '')}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
