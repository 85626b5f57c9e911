import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { parseEml, type OutboxMessage } from "../../app/utils/mail.server";

/** A message as a real SMTP server received it: the envelope, and the headers and text it carried. */
export interface ReceivedMail extends OutboxMessage {
  envelopeFrom: string;
  envelopeTo: string[];
}

export interface TestMailServer {
  /** For SMTP_URL: plain SMTP on 127.0.0.1, no TLS, no authentication. */
  url: string;
  /** Every message accepted, oldest first. */
  received: ReceivedMail[];
  /** How many times a client connected (a refusing server still counts the tries). */
  connections: number;
  /** The first message accepted that matches, waiting for it to arrive. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free port, for the tests of outgoing mail:
 * - "accept" takes every message (the `smtp-server` package: the whole dialogue, dot-unstuffing and all);
 * - "refuse-recipient" answers every RCPT TO with 550, as a server does for an unknown mailbox;
 * - "hang-up" accepts the connection and closes it at once, before any greeting, as a server going down does.
 */
export async function startMailServer(behaviour: "accept" | "refuse-recipient" | "hang-up" = "accept"): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  const state = { connections: 0 };
  let listener: Server;
  let closeListener: () => Promise<void>;

  if (behaviour === "hang-up") {
    const sockets = new Set<Socket>();
    listener = createServer((socket) => {
      state.connections++;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.destroy();
    });
    closeListener = () => new Promise((ok) => listener.close(() => ok()));
  } else {
    const smtp = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onConnect(_session, callback) {
        state.connections++;
        callback();
      },
      onRcptTo(_address, _session, callback) {
        if (behaviour === "refuse-recipient") {
          callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const from = session.envelope.mailFrom;
          received.push({
            ...parseEml(Buffer.concat(chunks).toString("utf8")),
            envelopeFrom: from ? from.address : "",
            envelopeTo: session.envelope.rcptTo.map((to) => to.address),
          });
          callback();
        });
      },
    });
    listener = smtp.server;
    closeListener = () => new Promise((ok) => smtp.close(() => ok()));
    smtp.listen(0, "127.0.0.1");
  }
  if (!listener.listening) {
    if (behaviour === "hang-up") listener.listen(0, "127.0.0.1");
    await new Promise<void>((ok) => listener.once("listening", () => ok()));
  }
  const { port } = listener.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get connections() {
      return state.connections;
    },
    async waitFor(match, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`No matching message reached the SMTP server (${received.length} received).`);
        await new Promise((ok) => setTimeout(ok, 25));
      }
    },
    close: closeListener,
  };
}
