// The corp's WeCom mail edition: basic has no advanced seats; trial and advanced sell them.
export type Edition = 'basic' | 'trial' | 'advanced'
