// Loaded with `node --import` into a CLI under test: on exit, writes the process's peak resident
// set size (bytes) to CORPUS_RSS_FILE, so the corpus can bound the memory an import needs.
import fs from 'node:fs'

const target = process.env.CORPUS_RSS_FILE
if (target) process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)))
