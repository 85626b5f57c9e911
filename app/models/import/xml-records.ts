import { createReadStream, statSync } from "node:fs";
import { SaxesParser } from "saxes";

/**
 * Streaming reader for exports shaped as a list of records (WordPress's WXR, Disqus's XML): the file is
 * read in 64 KiB pieces and only the record being read is held as a small tree, so memory stays flat
 * whatever the file's size. A record is any element at `recordDepth` (WXR: rss > channel > item, 3;
 * Disqus: disqus > thread, 2). Names are kept as written ("wp:post_id"), prefixes included.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  /** Where the element starts in the file. */
  line: number;
}

export interface XmlRecord {
  node: XmlNode;
  /** Where the record starts in the file, for messages about it. */
  line: number;
  column: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`The file is not well-formed XML at line ${line}, column ${column}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

/** The first child with this name. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The trimmed text of the first child with this name, "" when there is none. */
export function textOf(node: XmlNode, name: string): string {
  return child(node, name)?.text.trim() ?? "";
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

export async function* readXmlRecords(
  file: string,
  options: { recordDepth: number; onProgress?: (progress: ReadProgress) => void },
): AsyncGenerator<XmlRecord> {
  const totalBytes = statSync(file).size;
  const parser = new SaxesParser({ position: true });
  const ready: XmlRecord[] = [];
  const stack: XmlNode[] = [];
  let depth = 0;
  let start = { line: 0, column: 0 };
  let failure: XmlSyntaxError | null = null;

  parser.on("error", (error) => {
    failure ??= new XmlSyntaxError(error.message.replace(/^[^:]*:\d+:\d+: /, ""), parser.line, parser.column);
  });
  parser.on("opentag", (tag) => {
    depth++;
    if (depth < options.recordDepth) return;
    const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, text: "", children: [], line: parser.line };
    if (depth === options.recordDepth) start = { line: parser.line, column: parser.column };
    else stack[stack.length - 1]?.children.push(node);
    stack.push(node);
  });
  const addText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    if (depth >= options.recordDepth) {
      const node = stack.pop()!;
      if (depth === options.recordDepth) ready.push({ node, ...start });
    }
    depth--;
  });

  let bytesRead = 0;
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) break;
    while (ready.length) yield ready.shift()!;
    options.onProgress?.({ bytesRead, totalBytes });
  }
  stream.destroy();
  if (!failure) {
    parser.write(decoder.decode());
    parser.close();
  }
  while (ready.length) yield ready.shift()!;
  if (failure) throw failure;
}
