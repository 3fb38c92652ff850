// Taro's H5 button greys out whenever a `disabled` attribute is present, even `disabled="false"`:
// pass the props only when they are on.
export function busyProps(busy: boolean, disabled = false): { loading?: true; disabled?: true } {
  return {
    ...(busy ? { loading: true as const } : {}),
    ...(busy || disabled ? { disabled: true as const } : {}),
  }
}
