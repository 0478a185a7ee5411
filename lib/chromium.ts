// Debian's Chromium (Playwright cannot download browsers here), shared by the e2e suite and
// the evidence script. Without the background-networking flags Chromium calls home on a
// closed network.
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
