export type HeaderEntry = { key: string; value: string }
export declare const securityHeaders: HeaderEntry[]
export declare const nonPageHeaders: HeaderEntry[]
export declare const nonPageSources: string[]
