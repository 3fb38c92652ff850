// The attachments of the mail being written: files read and uploaded (two at a time) as soon as
// they are added, the draft's own attachments, and a forwarded original's. Limits are checked before
// any byte is read; the backend checks them again and its refusal is shown in its own words.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { PickedFile } from '../utils/pickFiles.common'
import { humanError } from './humanError'

export type AttachmentState = 'reading' | 'uploading' | 'ready' | 'failed'

export interface ComposeAttachment {
  /** the row's own key (stable while the page shows it) */
  key: string
  name: string
  size: number
  content_type: string
  state: AttachmentState
  /** 0–1 where the platform reports it (reading in H5), else absent */
  progress?: number
  /** an upload's id, or an attachment already on the draft */
  attachment_id?: string
  /** why it could not be added (state 'failed') */
  error?: string
  /** an attachment of the forwarded original, carried as it is */
  forward?: { mail_id: string; attachment_id: string }
}

/** api.md: 20 attachments per mail, 20 MB per file (the backend may allow less: the demo 2 MB) */
export const MAX_ATTACHMENTS = 20
export const MAX_FILE_BYTES = 20 * 1024 * 1024
/** uploads running at once: more would only compete for the same connection */
export const PARALLEL_UPLOADS = 2

export const TOO_MANY_ATTACHMENTS = `每封邮件最多 ${MAX_ATTACHMENTS} 个附件`
export const tooLarge = (name: string): string => `「${name}」超过 20 MB，无法添加`
/** why a send waits, or cannot go yet */
export const ATTACHMENTS_BUSY = '附件上传中…'
export const ATTACHMENT_FAILED = '有附件未能添加，请重试或移除'

/** what send and draft save carry */
export interface AttachmentRequest {
  attachment_ids?: string[]
  forward_attachments?: { mail_id: string; attachment_id: string }[]
}

interface Source {
  file: PickedFile
  /** the bytes once read (kept until uploaded, for 重试) */
  data?: string
}

export class AttachmentList {
  items: ComposeAttachment[] = []
  /** why some of the files just picked were not added ('' when all were) */
  notice = ''
  private mailbox = ''
  private sources = new Map<string, Source>()
  private queue: string[] = []
  private running = 0
  private seq = 0
  /** bumped whenever the list starts over: answers for an older list are dropped */
  private generation = 0
  private waiters: Array<() => void> = []

  /** `changed`: a row was added, removed or became ready (the compose keeps its local copy) */
  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void,
  ) {
    makeAutoObservable<
      AttachmentList,
      'api' | 'changed' | 'sources' | 'queue' | 'running' | 'seq' | 'generation' | 'waiters'
    >(
      this,
      {
        api: false,
        changed: false,
        sources: false,
        queue: false,
        running: false,
        seq: false,
        generation: false,
        waiters: false,
      },
      { autoBind: true },
    )
  }

  /** starts over in `mailbox` with `items` (a draft's or a forwarded original's); in-flight work is dropped */
  reset(mailbox: string, items: ComposeAttachment[] = []): void {
    this.generation++
    this.mailbox = mailbox
    this.items = items.map((a) => ({ ...a }))
    this.notice = ''
    this.sources.clear()
    this.queue = []
    this.running = 0
    this.release()
  }

  /** how many more files this mail may take */
  get room(): number {
    return Math.max(0, MAX_ATTACHMENTS - this.items.length)
  }

  /** a file is being read or uploaded */
  get busy(): boolean {
    return this.items.some((a) => a.state === 'reading' || a.state === 'uploading')
  }

  get hasFailed(): boolean {
    return this.items.some((a) => a.state === 'failed')
  }

  get totalSize(): number {
    return this.items.reduce((sum, a) => sum + a.size, 0)
  }

  /** the rows that outlive the page: uploaded, the draft's own, forwarded */
  get kept(): ComposeAttachment[] {
    return this.items
      .filter((a) => a.state === 'ready')
      .map(({ key, name, size, content_type, attachment_id, forward }) => ({
        key,
        name,
        size,
        content_type,
        state: 'ready' as const,
        ...(attachment_id ? { attachment_id } : {}),
        ...(forward ? { forward } : {}),
      }))
  }

  /** the list as compared for "was anything changed": what it carries, in order, and work in flight */
  get signature(): string {
    return this.items
      .map((a) =>
        a.state !== 'ready'
          ? `${a.state}:${a.key}`
          : a.forward
            ? `f:${a.forward.mail_id}/${a.forward.attachment_id}`
            : `a:${a.attachment_id ?? ''}`,
      )
      .join('|')
  }

  /** the ready attachments as send / draft save name them */
  request(): AttachmentRequest {
    const ready = this.items.filter((a) => a.state === 'ready')
    const ids = ready.filter((a) => !a.forward && a.attachment_id).map((a) => a.attachment_id as string)
    const forwards = ready.filter((a) => a.forward).map((a) => ({ ...a.forward! }))
    return {
      ...(ids.length ? { attachment_ids: ids } : {}),
      ...(forwards.length ? { forward_attachments: forwards } : {}),
    }
  }

  /**
   * Adds the picked files: each within the limits is read and uploaded; the rest are named in
   * `notice` (over 20 MB, or past 20 in all).
   */
  add(files: PickedFile[]): void {
    const problems: string[] = []
    let full = false
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        problems.push(tooLarge(file.name))
        continue
      }
      if (this.room === 0) {
        full = true
        continue
      }
      const key = `file-${this.generation}-${++this.seq}`
      this.items.push({
        key,
        name: file.name,
        size: file.size,
        content_type: file.content_type,
        state: 'reading',
      })
      this.sources.set(key, { file })
      this.queue.push(key)
    }
    if (full) problems.push(TOO_MANY_ATTACHMENTS)
    this.notice = problems.join('；')
    this.pump()
    this.changed()
  }

  remove(key: string): void {
    const i = this.items.findIndex((a) => a.key === key)
    if (i < 0) return
    this.items.splice(i, 1)
    this.sources.delete(key)
    this.queue = this.queue.filter((k) => k !== key)
    this.notice = ''
    if (!this.busy) this.release()
    this.changed()
  }

  /** a failed file again: uploaded from the bytes already read, or read anew */
  retry(key: string): void {
    const a = this.items.find((x) => x.key === key)
    const source = this.sources.get(key)
    if (!a || a.state !== 'failed' || !source) return
    a.state = source.data !== undefined ? 'uploading' : 'reading'
    a.error = undefined
    a.progress = undefined
    this.queue.push(key)
    this.pump()
  }

  /** resolves once nothing is being read or uploaded */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private pump(): void {
    while (this.running < PARALLEL_UPLOADS && this.queue.length > 0) {
      const key = this.queue.shift() as string
      const generation = this.generation
      this.running++
      void this.transfer(key, generation).then(() => {
        if (generation !== this.generation) return
        this.running--
        this.pump()
        if (!this.busy) this.release()
      })
    }
  }

  private row(key: string, generation: number): ComposeAttachment | undefined {
    return generation === this.generation ? this.items.find((a) => a.key === key) : undefined
  }

  /** reads the file (unless read already) and uploads it; the row says how it went */
  private async transfer(key: string, generation: number): Promise<void> {
    const source = this.sources.get(key)
    if (!source || !this.row(key, generation)) return
    if (source.data === undefined) {
      runInAction(() => {
        const a = this.row(key, generation)
        if (a) a.progress = 0
      })
      try {
        source.data = await source.file.read((fraction) =>
          runInAction(() => {
            const a = this.row(key, generation)
            if (a && a.state === 'reading') a.progress = Math.min(1, Math.max(0, fraction))
          }),
        )
      } catch (e) {
        runInAction(() => {
          const a = this.row(key, generation)
          if (!a) return
          a.state = 'failed'
          a.progress = undefined
          a.error = e instanceof Error && e.message ? e.message : '读取文件失败'
        })
        return
      }
    }
    const a = this.row(key, generation)
    if (!a) return
    runInAction(() => {
      a.state = 'uploading'
      a.progress = undefined
    })
    const r = await this.api.call('mail/attachment/upload', {
      mailbox: this.mailbox,
      name: a.name,
      content_type: a.content_type,
      data: source.data,
    })
    runInAction(() => {
      const now = this.row(key, generation)
      if (!now) return
      if (r.errcode === 0 && r.attachment_id) {
        now.state = 'ready'
        now.progress = 1
        now.attachment_id = String(r.attachment_id)
        this.sources.delete(key) // the bytes are the backend's now
        this.changed()
      } else {
        now.state = 'failed'
        now.error = r.errcode === -1 ? `上传失败：${humanError(r.errmsg)}` : humanError(r.errmsg)
      }
    })
  }

  private release(): void {
    const waiters = this.waiters
    this.waiters = []
    waiters.forEach((w) => w())
  }
}
