// WeChat needs no early listener (page-container does the work): see listen.h5.ts.
export {}
