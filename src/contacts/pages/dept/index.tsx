// One department below the root: /pages/directory/dept/index?id=N (the back button climbs the tree).
import { useRouter } from '@tarojs/taro'
import { DirectoryView } from '../DirectoryView'

export default function DepartmentPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  return <DirectoryView departmentId={Number.isInteger(id) && id > 0 ? id : undefined} />
}
