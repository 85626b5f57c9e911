/** Shared by the server and the browser: what the site shell shows before settings load, or when they fail to. */
export interface SiteSettings {
  siteName: string;
  tagline: string;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  siteName: "Parley",
  tagline: "Local news and the conversation around it",
};
