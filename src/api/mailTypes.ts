// The member mail API's shapes are declared once, in the contract (contract/mail.ts).
export type {
  AccessVia,
  AttachmentInfo,
  DraftFields,
  DraftView,
  FolderSummary,
  MailboxSummary,
  MailSettings,
  Message,
  MessageItem,
  ReadResult,
  ReceiveRule,
} from './contract'
