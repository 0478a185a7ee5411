// Types of undecodable-segments.mjs (plain JavaScript, so that next.config.mjs can import it).
export declare const VALID_ESCAPE: string
export declare const DECODABLE_SEGMENT: string
export declare const UNDECODABLE_SEGMENT: string
export declare function undecodableSegmentRewrites(): { source: string; destination: string }[]
