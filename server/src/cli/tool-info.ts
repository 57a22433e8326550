import packageJson from '../../../package.json' with { type: 'json' };

/** Name and version reported in outputs; bundled from package.json at build time. */
export const TOOL_NAME: string = packageJson.name;
export const TOOL_VERSION: string = packageJson.version;
