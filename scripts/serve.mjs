// A tiny static file server for dist/h5 (no dependency): used by `npm start`, the e2e run and the
// browser benchmarks. Text assets go out brotli- or gzip-compressed (whichever the browser accepts),
// compressed once at start-up (and again if a file changes) and kept in memory; hashed assets are
// cached for a year.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt'])
/** webpack names these with a content hash: a new build gets new names */
const HASHED = /\.[0-9a-f]{8,}\.(js|css)$/

/** which encoding to answer with, by the request's Accept-Encoding ('' = none) */
export function pickEncoding(accept = '') {
  const offered = accept
    .toLowerCase()
    .split(',')
    .map((p) => p.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
    .map(([name]) => name.trim())
  if (offered.includes('br')) return 'br'
  if (offered.includes('gzip')) return 'gzip'
  return ''
}

const cache = new Map()

function compressed(file, encoding, stat) {
  const key = `${file}\u0000${encoding}`
  const hit = cache.get(key)
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.body
  const raw = fs.readFileSync(file)
  const body =
    encoding === 'br'
      ? zlib.brotliCompressSync(raw, {
          params: {
            // quality 6: within 2 % of 9's size at a fraction of its time (all of dist/h5 in ~0.3 s)
            [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
      : zlib.gzipSync(raw, { level: 9 })
  cache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body })
  return body
}

/** every compressible file under `dir`, both encodings, so no request waits for a compressor */
function precompress(dir) {
  if (!fs.existsSync(dir)) return
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) precompress(file)
    else if (COMPRESSIBLE.has(path.extname(file))) {
      const stat = fs.statSync(file)
      compressed(file, 'br', stat)
      compressed(file, 'gzip', stat)
    }
  }
}

/** index.html without the boot skeleton: the page as it was before it had one */
const SKELETON = /<div id="?boot-skeleton"?[\s\S]*?(?=<div id="?app"?)/

/**
 * Serve `root` on `port` (0 = any free port); resolves with the server and its URL.
 * `compress: false` sends every file as it is on disk and `skeleton: false` drops the boot
 * skeleton from index.html: the benchmarks' "before".
 */
export function serve(root, port = 0, host = '127.0.0.1', { compress = true, skeleton = true } = {}) {
  const base = path.resolve(root)
  if (compress) precompress(base)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    let file = path.normalize(path.join(base, decodeURIComponent(url.pathname)))
    if (!file.startsWith(base)) {
      res.writeHead(403).end()
      return
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(base, 'index.html')
    const ext = path.extname(file)
    const stat = fs.statSync(file)
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    }
    const encoding = compress && COMPRESSIBLE.has(ext) ? pickEncoding(req.headers['accept-encoding']) : ''
    if (COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding'
    if (!skeleton && path.basename(file) === 'index.html') {
      const body = Buffer.from(fs.readFileSync(file, 'utf8').replace(SKELETON, ''))
      res.writeHead(200, { ...headers, 'content-length': body.length })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    if (encoding) {
      const body = compressed(file, encoding, stat)
      res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    res.writeHead(200, { ...headers, 'content-length': stat.size })
    if (req.method === 'HEAD') res.end()
    else fs.createReadStream(file).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const addr = server.address()
      resolve({ server, url: `http://${host}:${addr.port}/` })
    })
  })
}
