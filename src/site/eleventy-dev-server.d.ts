/** The parts of @11ty/eleventy-dev-server (no bundled types) that `dateline serve` uses. */
declare module "@11ty/eleventy-dev-server" {
  interface DevServerOptions {
    port?: number;
    pathPrefix?: string;
    liveReload?: boolean;
    domDiff?: boolean;
    portReassignmentRetryCount?: number;
    messageOnStart?: (info: { localhostUrl: string }) => string | false;
    logger?: { info: (m: string) => void; log: (m: string) => void; error: (m: string) => void };
  }
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    getServerUrl(host: string, pathname?: string): string;
    reload(event?: { subtype?: string; files?: string[]; build?: { templates?: unknown[] } }): void;
    sendError(event: { error: { message: string } }): void;
    close(): Promise<void>;
  }
}
