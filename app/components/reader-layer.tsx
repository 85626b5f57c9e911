import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { ReaderLayer } from "~/models/comment/reader-layer.server";

/**
 * The personal layer of a story page (ADR 18), read once the page runs in the browser. One fetcher,
 * shared by key, so the header and the comments read the same answer; Remix reads it again after every
 * form the reader sends, so it follows their likes, posts and edits.
 */
const READER_LAYER_KEY = "reader-layer";

/** The layer as last read, on whatever page read it (undefined until then, and without JavaScript). */
export function useReaderLayer(): ReaderLayer | undefined {
  return useFetcher<ReaderLayer>({ key: READER_LAYER_KEY }).data as ReaderLayer | undefined;
}

/** Reads this story's layer after hydration; undefined until it is here (or if it is another story's). */
export function useStoryReaderLayer(articleId: number, slug: string): ReaderLayer | undefined {
  const fetcher = useFetcher<ReaderLayer>({ key: READER_LAYER_KEY });
  const load = useRef(fetcher.load);
  load.current = fetcher.load;
  useEffect(() => {
    load.current(`/articles/${encodeURIComponent(slug)}/reader`);
  }, [slug]);
  const layer = fetcher.data as ReaderLayer | undefined;
  if (!layer || (layer.articleId !== null && layer.articleId !== articleId)) return undefined;
  return layer;
}
