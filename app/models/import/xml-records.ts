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

/**
 * The file is not the kind of export asked for (an RSS feed or a Disqus file given to the WordPress
 * import, an unrelated XML file, not XML at all). Thrown before any record is imported; the message
 * says what the file was found to be.
 */
export class WrongFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WrongFormatError";
  }
}

/** The document's root element, for an importer to say whether the file is what it reads. */
export interface XmlRoot {
  name: string;
  attrs: Record<string, string>;
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
  options: {
    recordDepth: number;
    onProgress?: (progress: ReadProgress) => void;
    /** What is wrong with a file that has this root element, or null when it is the right kind. */
    checkRoot?: (root: XmlRoot) => string | null;
  },
): AsyncGenerator<XmlRecord> {
  const totalBytes = statSync(file).size;
  const parser = new SaxesParser({ position: true });
  const ready: XmlRecord[] = [];
  const stack: XmlNode[] = [];
  let depth = 0;
  let start = { line: 0, column: 0 };
  let failure: XmlSyntaxError | WrongFormatError | null = null;
  let rootSeen = false;
  let beginning = "";

  parser.on("error", (error) => {
    if (!rootSeen) {
      // Broken before its first element: not an XML document at all, rather than a damaged one.
      const start = beginning.trim().slice(0, 40).replace(/\s+/g, " ");
      failure ??= new WrongFormatError(start ? `This is not an XML file: it begins "${start}".` : "The file is empty.");
      return;
    }
    failure ??= new XmlSyntaxError(error.message.replace(/^[^:]*:\d+:\d+: /, ""), parser.line, parser.column);
  });
  parser.on("opentag", (tag) => {
    depth++;
    if (depth === 1) {
      rootSeen = true;
      const problem = options.checkRoot?.({ name: tag.name, attrs: tag.attributes as Record<string, string> });
      if (problem) failure ??= new WrongFormatError(problem);
    }
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
    const text = decoder.decode(chunk, { stream: true });
    if (!rootSeen && beginning.length < 200) beginning += text.slice(0, 200);
    parser.write(text);
    if (failure) break;
    while (ready.length) yield ready.shift()!;
    options.onProgress?.({ bytesRead, totalBytes });
  }
  stream.destroy();
  if (!failure) {
    parser.write(decoder.decode());
    parser.close();
  }
  // A file of the wrong kind yields nothing at all: no record of it is ever imported.
  if ((failure as Error | null) instanceof WrongFormatError) throw failure;
  while (ready.length) yield ready.shift()!;
  if (failure) throw failure;
}
