// Mail bodies and signatures may carry a little HTML; the app shows them as text only, through the
// converter the backend uses for the signature it appends, so a preview shows exactly what is sent.
import { htmlToText } from '../policy/mailText'

export function plainText(content: string): string {
  return htmlToText(content)
}
