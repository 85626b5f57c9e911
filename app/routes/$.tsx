import { notFound } from "~/utils/http";

// Any address no other route claims.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
