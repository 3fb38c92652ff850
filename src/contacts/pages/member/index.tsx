// /contacts/pages/member/index?userid=… — a member's card.
import { useRouter } from '@tarojs/taro'
import { MemberCard } from './MemberCard'

export default function MemberPage() {
  const { params } = useRouter()
  return <MemberCard userid={decodeURIComponent(params.userid ?? '')} />
}
