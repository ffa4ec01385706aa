import { afterEach, describe, expect, it, vi } from "vitest";
import { appUrl } from "@/lib/config";
import { describeConsoleArguments, routeConsoleToJson } from "@/lib/framework-log";

// Next.js writes "⨯ Error: …" lines with messages that can quote what a client posted (Prisma
// quotes the value that failed). What reaches the log must be one JSON line without them.

const canary = "Telegram @ne_moye_imya 0041 555 123";

function prismaLikeError(): Error {
  const error = new Error(
    `Invalid \`prisma.report.findMany()\` invocation: Error creating UUID, invalid character: found \`${canary}\``,
  );
  Object.assign(error, {
    name: "PrismaClientKnownRequestError",
    code: "P2023",
    digest: "2817372051",
  });
  return error;
}

describe("framework output routed to JSON", () => {
  const original = {
    error: console.error,
    warn: console.warn,
    log: console.log,
    info: console.info,
    debug: console.debug,
    trace: console.trace,
  };
  afterEach(() => {
    Object.assign(console, original);
    vi.restoreAllMocks();
  });

  it("keeps an error's name, code and digest and drops its message and stack", () => {
    const fields = describeConsoleArguments([" ⨯", prismaLikeError()]);
    expect(fields).toEqual({
      errorName: "PrismaClientKnownRequestError",
      errorCode: "P2023",
      digest: "2817372051",
    });
    expect(JSON.stringify(fields)).not.toContain("ne_moye");
  });

  it("labels known framework messages by their fixed text, never copying the text", () => {
    expect(
      describeConsoleArguments([
        `Failed to find Server Action "${canary}". This request might be from an older or newer deployment.`,
      ]),
    ).toEqual({ note: "actionNotFound" });
    expect(describeConsoleArguments([canary])).toEqual({});
    // A name or code that is itself text from outside is left out.
    expect(
      describeConsoleArguments([Object.assign(new Error("x"), { name: canary, code: canary })]),
    ).toEqual({});
  });

  it("writes every console method as one JSON line with the request id", () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation(
      (chunk) => (written.push(String(chunk)), true),
    );
    vi.spyOn(process.stderr, "write").mockImplementation(
      (chunk) => (written.push(String(chunk)), true),
    );
    routeConsoleToJson(() => "3c632eb7-8968-4731-810c-2669d523bf9e");
    console.error(" ⨯", prismaLikeError());
    console.warn(`warn ${canary}`);
    console.log("%s", canary, { canary });
    console.info(canary);
    console.debug(canary);
    console.trace(canary);
    Object.assign(console, original);

    expect(written).toHaveLength(6);
    for (const chunk of written) {
      expect(chunk.endsWith("\n")).toBe(true);
      expect(chunk.trimEnd().includes("\n")).toBe(false);
      const line = JSON.parse(chunk) as Record<string, unknown>;
      expect(line.requestId).toBe("3c632eb7-8968-4731-810c-2669d523bf9e");
      expect(chunk).not.toContain("ne_moye");
      expect(chunk).not.toContain("0041");
    }
    expect(JSON.parse(written[0]!)).toMatchObject({
      level: "error",
      event: "console.error",
      errorCode: "P2023",
      digest: "2817372051",
    });
  });
});

describe("the public address for links in mail", () => {
  const saved = {
    APP_URL: process.env.APP_URL,
    PORT: process.env.PORT,
    HOSTNAME: process.env.HOSTNAME,
  };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });
  const withEnv = (env: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(env))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    return appUrl();
  };

  it("is where the server listens when APP_URL is unset", () => {
    expect(withEnv({ APP_URL: undefined, PORT: undefined, HOSTNAME: undefined })).toBe(
      "http://127.0.0.1:3000",
    );
    expect(withEnv({ APP_URL: undefined, PORT: "8080", HOSTNAME: undefined })).toBe(
      "http://127.0.0.1:8080",
    );
    expect(withEnv({ APP_URL: undefined, PORT: "3114", HOSTNAME: "prijavi.local" })).toBe(
      "http://prijavi.local:3114",
    );
    // A wildcard listen address (the image's 0.0.0.0) is reached on loopback.
    expect(withEnv({ APP_URL: undefined, PORT: "3000", HOSTNAME: "0.0.0.0" })).toBe(
      "http://127.0.0.1:3000",
    );
    expect(withEnv({ APP_URL: undefined, PORT: "3000", HOSTNAME: "::1" })).toBe(
      "http://[::1]:3000",
    );
  });

  it("is APP_URL when set, without a trailing slash, and refuses what is not an http address", () => {
    expect(withEnv({ APP_URL: "https://prijavi.example.org/", PORT: "8080" })).toBe(
      "https://prijavi.example.org",
    );
    expect(() => withEnv({ APP_URL: "prijavi.example.org" })).toThrow(/APP_URL/);
    expect(() => withEnv({ APP_URL: "javascript:alert(1)" })).toThrow(/APP_URL/);
    expect(() => withEnv({ APP_URL: undefined, PORT: "http" })).toThrow(/PORT/);
  });
});
