import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "@/lib/security/client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("client address", () => {
  it("is unknown unless a proxy is trusted, whatever the client claims", () => {
    expect(
      clientAddress(headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" }), 0),
    ).toBeNull();
  });

  it("is the entry the outermost trusted proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; our one proxy appended the address it saw.
    const forwarded = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(forwarded, 1)).toBe("203.0.113.7");
    // Two proxies: the second appended the first one's address.
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe(
      "203.0.113.7",
    );
  });

  it("falls back to X-Real-IP when the chain is shorter than the proxies declared", () => {
    expect(clientAddress(headers({ "x-real-ip": "198.51.100.4" }), 1)).toBe("198.51.100.4");
    expect(
      clientAddress(headers({ "x-forwarded-for": "198.51.100.4", "x-real-ip": "198.51.100.5" }), 2),
    ).toBe("198.51.100.5");
    expect(clientAddress(headers({}), 1)).toBeNull();
  });

  it("counts IPv6 clients per /64 and reads the forms proxies write", () => {
    expect(normalizeAddress("2001:DB8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:db8:1:2::99")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("192.0.2.1:51234")).toBe("192.0.2.1");
    expect(normalizeAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
  });

  it("ignores what is not an address", () => {
    for (const junk of ["unknown", "", "999.1.1.1", "<script>", "1.2.3", "::g"])
      expect(normalizeAddress(junk), junk).toBeNull();
  });
});
