// One department below the root: /contacts/pages/dept/index?id=N (the back button climbs the tree).
import { useRouter } from '@tarojs/taro'
import { DirectoryView } from '../../../pages/directory/DirectoryView'

export default function DepartmentPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  return <DirectoryView departmentId={Number.isInteger(id) && id > 0 ? id : undefined} />
}
