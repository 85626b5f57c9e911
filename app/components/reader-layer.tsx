import { useFetchers, useMatches, useNavigation, useRevalidator } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { ReaderLayer } from "~/models/comment/reader-layer.server";

/**
 * The personal layer of a story page (ADR 18), read once the page runs in the browser, as plain JSON
 * from /articles/<slug>/reader (a visitor's is answered by the server before Remix). The site shell
 * holds it, so the header and the comments read the same answer, and reads it again each time the
 * reader's own forms, a navigation or a live update's re-read have finished: it follows their likes,
 * posts and edits.
 */
const ReaderLayerContext = createContext<ReaderLayer | undefined>(undefined);

/** The story whose page is on screen, from the story route's address; null elsewhere. */
function useStorySlug(): string | null {
  const story = useMatches().find((match) => match.id === "routes/articles.$slug");
  return story?.params.slug ?? null;
}

export function ReaderLayerProvider({ children }: { children: ReactNode }) {
  const slug = useStorySlug();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const revalidator = useRevalidator();
  const [layer, setLayer] = useState<ReaderLayer | undefined>(undefined);
  const busy = navigation.state !== "idle" || revalidator.state !== "idle" || fetchers.some((f) => f.state !== "idle" && f.formMethod);
  // Each time the page settles after something the reader did, the layer may have changed.
  const [settled, setSettled] = useState(0);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy) wasBusy.current = true;
    else if (wasBusy.current) {
      wasBusy.current = false;
      setSettled((n) => n + 1);
    }
  }, [busy]);
  useEffect(() => {
    if (!slug) return;
    const controller = new AbortController();
    fetch(`/articles/${encodeURIComponent(slug)}/reader`, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<ReaderLayer>) : undefined))
      .then((next) => {
        if (next) setLayer(next);
      })
      .catch(() => {
        // Offline or aborted: the page stays as it is, usable as a visitor's.
      });
    return () => controller.abort();
  }, [slug, settled]);
  return <ReaderLayerContext.Provider value={layer}>{children}</ReaderLayerContext.Provider>;
}

/** The layer as last read, on whatever story page read it (undefined until then, and without JavaScript). */
export function useReaderLayer(): ReaderLayer | undefined {
  return useContext(ReaderLayerContext);
}

/** This story's layer; undefined until it is here, or while the one held is another story's. */
export function useStoryReaderLayer(articleId: number): ReaderLayer | undefined {
  const layer = useReaderLayer();
  if (!layer || (layer.articleId !== null && layer.articleId !== articleId)) return undefined;
  return layer;
}
