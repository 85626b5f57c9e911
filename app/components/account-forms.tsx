import { useEffect, useRef, type ReactNode, type RefObject } from "react";

/**
 * Small helpers the account pages (join, sign in, reset, settings, admin) share. Presentational only.
 */

/**
 * A key for a form that changes with every answer from its action. Remounting the form then shows
 * exactly what the server sent back (typed values kept, passwords empty), with JavaScript as without.
 */
export function useFormKey(actionData: unknown): number {
  const state = useRef({ data: actionData, key: 0 });
  if (state.current.data !== actionData) state.current = { data: actionData, key: state.current.key + 1 };
  return state.current.key;
}

/** After an answer with errors, moves focus to the first field marked invalid (or the form's message). */
export function useFocusOnError(formRef: RefObject<HTMLFormElement | null>, actionData: unknown): void {
  useEffect(() => {
    if (!actionData || !formRef.current) return;
    const target =
      formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current.querySelector<HTMLElement>(".form-error");
    if (target) {
      if (!target.matches("input, select, textarea, button")) target.tabIndex = -1;
      target.focus();
    }
  }, [actionData, formRef]);
}

/** A status message after something worked ("Your display name is changed."), announced politely. */
export function SuccessNotice({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <div className="notice notice--success" role="status">
      <p>{children}</p>
    </div>
  );
}

/** "<page> · <site name>" for a page title. */
export function accountPageTitle(matches: { id: string; data: unknown }[], page: string) {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName?: string } } | undefined;
  return [{ title: `${page} · ${root?.settings?.siteName ?? "Parley"}` }];
}
