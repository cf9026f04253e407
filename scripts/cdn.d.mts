// Types for scripts/cdn.mjs, so TypeScript callers (the benchmarks) can build the CDN bundle.
export declare const browserBundle: Record<string, unknown>;
export declare function buildCdn(outdir?: string): Promise<{ element: unknown; callback: unknown }>;
export declare const unreadIbanFields: string[];
export declare function trimIbantools(source: string): string;
export declare function collapseLiterals(source: string, options?: { keepLines?: boolean }): string;
