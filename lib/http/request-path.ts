// The path and query a portal request asked for, passed from proxy.ts to the pages it lets through
// (Next gives pages no other way to read their own URL). proxy.ts always overwrites the header, so
// a value sent by the client never arrives; it is used only to build the sign-in page's callback,
// which accepts paths of this site only (safeCallbackPath).
export const REQUEST_PATH_HEADER = 'x-planning-hub-path'
