// The recycle bin keeps deleted mailboxes this long (product.md "Recycle bin"); one number for all.
export const RECYCLE_DAYS = 60
export const RECYCLE_RETENTION_MS = RECYCLE_DAYS * 86_400_000

export function recycleExpiry(deletedAt: number): number {
  return deletedAt + RECYCLE_RETENTION_MS
}
