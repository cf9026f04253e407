export declare const EXAMPLES_SOURCE: string;
export declare const EXAMPLES_WORKDIR: string;
