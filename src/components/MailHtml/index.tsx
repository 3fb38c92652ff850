// An HTML mail, shown safe: RichText nodes from the backend's sanitised HTML (never a string),
// remote images only after 显示图片, links opened only through onOpenLink (the page confirms).
import { RichText, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { hasRemoteImages } from '../../policy/mailHtml'
import { mailNodes, tappedLink } from './nodes'
import './index.css'

export interface MailHtmlProps {
  html: string
  showImages: boolean
  onShowImages(): void
  /** the page confirms with the real target before anything opens */
  onOpenLink(href: string): void
}

export function MailHtml({ html, showImages, onShowImages, onOpenLink }: MailHtmlProps) {
  const { nodes, links } = useMemo(() => mailNodes(html, showImages), [html, showImages])
  // WeChat's rich-text cannot be tapped inside: there the links are listed under the body.
  // (TARO_ENV read into a name first: page tests rewrite process.env.TARO_ENV textually.)
  const env = process.env.TARO_ENV
  const listLinks = env !== 'h5' && links.length > 0
  return (
    <View className="mail-html" data-testid="mail-html">
      {!showImages && hasRemoteImages(html) && (
        <View
          className="mail-html__images"
          hoverClass="cell-hover"
          role="button"
          data-testid="show-images"
          onClick={(e) => {
            e.stopPropagation() // inside an unfolded earlier message, a tap here must not fold it
            onShowImages()
          }}
        >
          <Text className="mail-html__images-text">此邮件含有外部图片</Text>
          <Text className="mail-html__images-action">显示图片</Text>
        </View>
      )}
      {/* Mail is written for a white page (dark text, its own colours): in the dark scheme it
          stays on a light paper card, as Gmail does, instead of inverting colours it chose. */}
      <View
        className="mail-html__paper"
        onClick={(e) => {
          // H5: a tap on a link inside the body (event delegation; the node has no href to follow)
          const href = tappedLink(e.target, e.currentTarget)
          if (!href) return
          e.preventDefault?.()
          e.stopPropagation()
          onOpenLink(href)
        }}
      >
        <RichText nodes={nodes as never} userSelect />
      </View>
      {listLinks && (
        <View className="mail-html__links" data-testid="mail-links">
          <Text className="mail-html__links-title">邮件中的链接</Text>
          {links.map((href) => (
            <View
              key={href}
              className="mail-html__linkrow"
              hoverClass="cell-hover"
              role="button"
              onClick={(e) => {
                e.stopPropagation()
                onOpenLink(href)
              }}
            >
              <Text className="mail-html__href">{href.replace(/^mailto:/i, '')}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
