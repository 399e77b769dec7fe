/**
 * Shell checks for the connectivity probe Jobs. Each check is a name and a POSIX `sh` snippet
 * that exits 0 on success; `renderProbeScript` runs them all, prints PASS/FAIL per check and
 * exits non-zero if any failed, so the Job (and `pulumi up`, which waits for it) fails.
 *
 * Addresses come from the VPC CNI documentation: IPv6 clusters give pods `v4if0` in
 * 169.254.172.0/22 (EKS user guide, "IPv6 ... Pods"; amazon-vpc-cni-k8s docs/egress);
 * IPv4 clusters with ENABLE_V6_EGRESS give pods `v6if0` in fd00::ac:00/118 (VPC CNI README).
 */
import { Address6 } from "ip-address";

export interface ProbeCheck {
    /** One line, shown as PASS/FAIL <name>. */
    name: string;
    /** POSIX sh snippet; exit status 0 means the check passed. */
    script: string;
}

/** The link-local IPv4 block the CNI gives IPv6-cluster pods for IPv4 egress. */
export const V4_EGRESS_POD_CIDR = "169.254.172.0/22";
/** The ULA block the CNI gives IPv4-cluster pods for IPv6 egress. */
export const V6_EGRESS_POD_CIDR = "fd00::ac:00/118";

/**
 * Bounds on every `dig` the checks run: two tries, two seconds each (dig's defaults are three
 * tries of five seconds). Kube-dns answers in milliseconds; the bound keeps a check's worst case,
 * and so the script's (lib/probeBudget.ts), inside the Job's deadline when it does not answer.
 */
export const DIG_BOUNDS = "+time=2 +tries=2";

/**
 * The answers of `dig +short TYPE host`, one per line, as a shell pipeline. dig prints its
 * errors to standard output too (";; communications error to ...: timed out", ";; connection
 * timed out; no servers could be reached"), and CNAME targets end in a dot: both are dropped, so
 * a resolver that times out can never pass for an answer.
 */
export function digAnswers(type: "A" | "AAAA", quotedHost: string): string {
    return `dig +short ${type} ${quotedHost} ${DIG_BOUNDS} | grep -v -e '^;' -e '\\.$'`;
}

function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `v4if0` carries an address in 169.254.172.0/22 (.172 to .175). */
export function v4if0Check(): ProbeCheck {
    return {
        name: `v4if0 has an address in ${V4_EGRESS_POD_CIDR}`,
        script: `ip -4 -o addr show dev v4if0 | grep -Eq 'inet 169\\.254\\.17[2-5]\\.'`,
    };
}

/** `v6if0` carries an address in fd00::ac:00/118 (fd00::ac:0 to fd00::ac:3ff). */
export function v6if0Check(): ProbeCheck {
    return {
        name: `v6if0 has an address in ${V6_EGRESS_POD_CIDR}`,
        script: `ip -6 -o addr show dev v6if0 | grep -Eq 'inet6 fd00::ac:[0-3]?[0-9a-f]{1,2}/'`,
    };
}

/** The name resolves to A records and no AAAA records (an IPv4-only endpoint). */
export function aOnlyCheck(host: string): ProbeCheck {
    const h = shellQuote(host);
    return { name: `${host} has A records and no AAAA`, script: `test -n "$(${digAnswers("A", h)})" && test -z "$(${digAnswers("AAAA", h)})"` };
}

/** The name resolves to records of the given type. */
export function resolvesCheck(host: string, type: "A" | "AAAA"): ProbeCheck {
    const h = shellQuote(host);
    return { name: `${host} has ${type} records`, script: `test -n "$(${digAnswers(type, h)})"` };
}

/** An HTTP request over one family answers with a 2xx status. */
export function curlCheck(family: "ipv4" | "ipv6", url: string): ProbeCheck {
    const flag = family === "ipv4" ? "-4" : "-6";
    // Bounded retries (about a minute): NLB targets may still be passing their first health checks.
    return { name: `curl ${flag} ${url}`, script: `curl ${flag} -fsS --max-time 10 --retry 6 --retry-delay 5 --retry-all-errors -o /dev/null ${shellQuote(url)}` };
}

/**
 * One HTTP request over one family, without curl's own retries, bounded by `maxTimeSeconds`: the
 * check to wrap in `retrying` when the loop sets the pace (a path that comes up minutes after its
 * resources exist, such as a VPN tunnel its appliance brings up after boot), so the worst case
 * stays attempts x maxTime plus the waits (lib/probeBudget.ts).
 */
export function curlOnceCheck(family: "ipv4" | "ipv6", url: string, maxTimeSeconds = 5): ProbeCheck {
    if (!Number.isInteger(maxTimeSeconds) || maxTimeSeconds < 1 || maxTimeSeconds > 60) throw new Error(`curlOnceCheck: maxTimeSeconds must be from 1 to 60, not ${maxTimeSeconds}`);
    const flag = family === "ipv4" ? "-4" : "-6";
    return { name: `curl ${flag} ${url}`, script: `curl ${flag} -fsS --max-time ${maxTimeSeconds} -o /dev/null ${shellQuote(url)}` };
}

/** An HTTP request to the first AAAA answer for `host` (a pod IPv6 from DNS). */
export function curlFirstAaaaCheck(host: string, port: number, path = "/"): ProbeCheck {
    const h = shellQuote(host);
    return {
        name: `curl -6 to the first AAAA of ${host}`,
        script: `addr=$(${digAnswers("AAAA", h)} | grep ':' | head -n 1) && test -n "$addr" && curl -6 -fsS --max-time 10 -o /dev/null "http://[$addr]:${port}${path}"`,
    };
}

/** The whole probe script: every check runs; exit 1 if any failed. */
export function renderProbeScript(checks: ProbeCheck[]): string {
    if (checks.length === 0) throw new Error("a probe needs at least one check");
    const lines = [
        "#!/bin/sh",
        "# Connectivity probe generated by lib/probes.ts; every check runs, then the Job fails if any did.",
        "failed=0",
        ...checks.map((c) => `if ( ${c.script} ) >/tmp/out 2>&1; then echo ${shellQuote(`PASS ${c.name}`)}; else echo ${shellQuote(`FAIL ${c.name}`)}; cat /tmp/out; failed=1; fi`),
        `if [ "$failed" -ne 0 ]; then echo "probe failed"; exit 1; fi`,
        `echo "all ${checks.length} checks passed"`,
    ];
    return lines.join("\n") + "\n";
}

/**
 * Runs a check until it passes, at most `attempts` times, `intervalSeconds` apart: for things
 * that become true some time after `pulumi up` created them (DNS records that ExternalDNS
 * publishes on its next loop, Route 53 propagation to the VPC resolver). Bounded, so the Job
 * still fails within its deadline.
 */
export function retrying(check: ProbeCheck, attempts: number, intervalSeconds: number, initialDelaySeconds = 0): ProbeCheck {
    if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100) throw new Error(`retrying: attempts must be a whole number from 1 to 100, not ${attempts}`);
    if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1 || intervalSeconds > 60) throw new Error(`retrying: intervalSeconds must be from 1 to 60, not ${intervalSeconds}`);
    if (!Number.isInteger(initialDelaySeconds) || initialDelaySeconds < 0 || initialDelaySeconds > 300) throw new Error(`retrying: initialDelaySeconds must be from 0 to 300, not ${initialDelaySeconds}`);
    const first = initialDelaySeconds > 0 ? `, the first after ${initialDelaySeconds}s` : "";
    return {
        name: `${check.name} (up to ${attempts} tries, ${intervalSeconds}s apart${first})`,
        script: `${initialDelaySeconds > 0 ? `sleep ${initialDelaySeconds}; ` : ""}n=0; until ( ${check.script} ); do n=$((n+1)); if [ "$n" -ge ${attempts} ]; then exit 1; fi; sleep ${intervalSeconds}; done`,
    };
}

/** Worst-case seconds a retrying check takes (attempts x interval), for Job deadlines. */
export function retryBudgetSeconds(attempts: number, intervalSeconds: number): number {
    return attempts * intervalSeconds;
}

/** The pod has no `v6if0` (an IPv4 cluster without ENABLE_V6_EGRESS). */
export function noV6if0Check(): ProbeCheck {
    return { name: "no v6if0 (v6 egress is off)", script: `! ip link show dev v6if0 >/dev/null 2>&1` };
}

/**
 * The leading hex digits of an IPv6 CIDR whose prefix is a multiple of 4, in the 32-digit
 * expanded form: `2001:db8:0:100::/56` -> `20010db800000100`... cut to 14 digits.
 */
export function ipv6PrefixNibbles(cidr: string): string {
    const [address, lengthText] = cidr.split("/");
    const length = Number(lengthText);
    if (!Address6.isValid(cidr) || !Number.isInteger(length) || length % 4 !== 0 || length < 4) {
        throw new Error(`ipv6PrefixNibbles: "${cidr}" is not an IPv6 CIDR with a prefix length that is a multiple of 4`);
    }
    return new Address6(address).canonicalForm().replace(/:/g, "").slice(0, length / 4);
}

/**
 * POSIX sh + awk: prints the 32-hex-digit expanded form of the IPv6 address in `$1` (no
 * embedded IPv4 forms; those never come from the VPC). Used where the probe has no library.
 */
export const EXPAND_IPV6_SH = `expand6() { printf '%s\\n' "$1" | awk '{ s=tolower($0); h=s; t=""; p=index(s,"::"); if (p) { h=substr(s,1,p-1); t=substr(s,p+2) } nh=(h=="")?0:split(h,H,":"); nt=(t=="")?0:split(t,T,":"); o=""; for(i=1;i<=nh;i++) o=o sprintf("%4s",H[i]); for(i=0;i<8-nh-nt;i++) o=o "0000"; for(i=1;i<=nt;i++) o=o sprintf("%4s",T[i]); gsub(/ /,"0",o); print o }'; }`;

/**
 * Asks the first AAAA answer for `host` which source address it saw (agnhost netexec answers
 * `/clientip` with `[address]:port`) and requires it inside `sourceCidr`: for v6 egress, the
 * client VPC's /56, because the node SNATs the pod's ULA to its own IPv6.
 */
export function clientIpWithinCheck(host: string, port: number, sourceCidr: string): ProbeCheck {
    const nibbles = ipv6PrefixNibbles(sourceCidr);
    const h = shellQuote(host);
    return {
        name: `the server at ${host} sees a source address in ${sourceCidr}`,
        script: `${EXPAND_IPV6_SH}; ` + [
            `addr=$(${digAnswers("AAAA", h)} | grep ':' | head -n 1) && test -n "$addr"`,
            `seen=$(curl -6 -fsS --max-time 10 "http://[$addr]:${port}/clientip") && src=$(printf '%s' "$seen" | sed -e 's/^\\[//' -e 's/\\]:[0-9]*$//')`,
            `echo "source seen by $addr: $src"`,
            `test "$(expand6 "$src" | cut -c1-${nibbles.length})" = ${shellQuote(nibbles)}`,
        ].join(" && "),
    };
}

/**
 * Every AAAA answer for `host` lies inside `cidr` (for pod addresses published from a headless
 * Service: the serving cluster VPC's /56), and there is at least one.
 */
export function aaaaWithinCheck(host: string, cidr: string): ProbeCheck {
    const nibbles = ipv6PrefixNibbles(cidr);
    const h = shellQuote(host);
    return {
        name: `${host} has AAAA records, all in ${cidr}`,
        script: `${EXPAND_IPV6_SH}; out=$(${digAnswers("AAAA", h)} | grep ':'); test -n "$out" && for a in $out; do echo "AAAA $a"; test "$(expand6 "$a" | cut -c1-${nibbles.length})" = ${shellQuote(nibbles)} || exit 1; done`,
    };
}

/** Passes when `check` fails: a boundary the scenario demonstrates (a path that must not work). */
export function failsCheck(check: ProbeCheck, why: string): ProbeCheck {
    return { name: `${check.name} fails (${why})`, script: `! ( ${check.script} )` };
}

/** curl's bounds for an AWS service endpoint: the NAT gateway and routes exist before the probe, so a few quick tries. */
const SERVICE_CURL_BOUNDS = "--max-time 10 --retry 2 --retry-delay 3 --retry-all-errors";

/**
 * An HTTPS request to an AWS service's public endpoint over one family is answered by the service,
 * and the connection's own local address shows the way it left the pod. Any HTTP status is an
 * answer (the probe sends no credentials, so the service's 4xx is expected; `-f` is not used);
 * a connection or TLS error is not. `from`:
 * - `v4if0`: the local address is the pod's v4if0 address (169.254.172.0/22), the only IPv4 an
 *   IPv6 pod has: the request left through the VPC CNI's egress IPv4 layer (and the node SNATed it);
 * - an IPv6 CIDR (prefix a multiple of 4): the local address is the pod's own IPv6 inside it (the
 *   cluster VPC's block), so the request went out over IPv6 untranslated.
 * curl writes its `-w` line once per transfer; the last line is the final answer.
 */
export function serviceAnswersCheck(family: "ipv4" | "ipv6", host: string, from: "v4if0" | { ipv6Cidr: string }, label: string): ProbeCheck {
    if ((family === "ipv4") !== (from === "v4if0")) throw new Error(`serviceAnswersCheck: an ${family} request cannot be proven to leave ${from === "v4if0" ? "through v4if0" : "from an IPv6 address"}`);
    if (!/^[a-z0-9.-]+$/.test(host)) throw new Error(`serviceAnswersCheck: "${host}" is not a DNS name`);
    const flag = family === "ipv4" ? "-4" : "-6";
    const url = `https://${host}/`;
    const request = `out=$(curl ${flag} -sS ${SERVICE_CURL_BOUNDS} -o /dev/null -w '%{http_code} %{local_ip}\\n' ${shellQuote(url)}) && last=$(printf '%s\\n' "$out" | tail -n 1) && code=\${last%% *} && src=\${last#* } && echo "HTTP $code, local address $src" && test "$code" -ge 100 && test "$code" -le 599`;
    if (from === "v4if0") {
        return {
            name: `${host} (${label}) answers curl ${flag} ${url} from v4if0 (${V4_EGRESS_POD_CIDR})`,
            script: `${request} && printf '%s\\n' "$src" | grep -Eq '^169\\.254\\.17[2-5]\\.'`,
        };
    }
    const nibbles = ipv6PrefixNibbles(from.ipv6Cidr);
    return {
        name: `${host} (${label}) answers curl ${flag} ${url} from a pod address in ${from.ipv6Cidr}`,
        script: `${EXPAND_IPV6_SH}; ${request} && test "$(expand6 "$src" | cut -c1-${nibbles.length})" = ${shellQuote(nibbles)}`,
    };
}

/**
 * The host has no global IPv4 address, only loopback: an instance in an IPv6-only subnet
 * (`ipv6Native`), which gets an IPv6 address and no private IPv4 (VPC user guide, "IPv6-only subnets").
 */
export function noGlobalIpv4Check(): ProbeCheck {
    return { name: "no IPv4 address besides loopback (IPv6-only)", script: `! ip -4 -o addr show scope global | grep -q inet` };
}

/**
 * The host's resolver answers `host` (a name with A records only) with AAAA records, all inside
 * the NAT64 prefix 64:ff9b::/96: DNS64 of the Route 53 Resolver synthesizes them for clients in a
 * subnet with `enableDns64` (VPC user guide, "DNS64 and NAT64"). Resolves with `getent ahostsv6`
 * (glibc, present on every Amazon Linux image; no package install on an instance without IPv4):
 * without DNS64 it answers IPv4-mapped `::ffff:a.b.c.d` addresses, which fail the check.
 */
export function nat64AaaaCheck(host: string): ProbeCheck {
    const nibbles = ipv6PrefixNibbles("64:ff9b::/96");
    const h = shellQuote(host);
    return {
        name: `${host} resolves to AAAA records in 64:ff9b::/96 (DNS64)`,
        script: `${EXPAND_IPV6_SH}; out=$(getent ahostsv6 ${h} | awk '{print $1}' | sort -u); test -n "$out" && for a in $out; do echo "AAAA $a"; test "$(expand6 "$a" | cut -c1-${nibbles.length})" = ${shellQuote(nibbles)} || exit 1; done`,
    };
}

/** An HTTP request over IPv6 to the first 64:ff9b::/96 answer for `host`: NAT64 carries it to the IPv4-only server. */
export function curlNat64Check(host: string, port: number, path = "/"): ProbeCheck {
    const h = shellQuote(host);
    // Bounded retries (about a minute), as curlCheck: NLB targets may still be passing their first health checks.
    return {
        name: `curl -6 to ${host} through NAT64`,
        script: `addr=$(getent ahostsv6 ${h} | awk '{print $1}' | grep -i '^64:ff9b::' | head -n 1) && test -n "$addr" && echo "connecting to [$addr]:${port}" && curl -6 -fsS --max-time 10 --retry 6 --retry-delay 5 --retry-all-errors -o /dev/null "http://[$addr]:${port}${path}"`,
    };
}

/**
 * Another host's probe passed: its report at `url` (over IPv6) ends with the line that
 * `renderProbeScript` prints when every check passed. For probes that run where no Job can (an
 * instance in an IPv6-only subnet), so that the Job `pulumi up` waits for fails with them.
 */
export function remoteProbePassedCheck(what: string, url: string, checks: number): ProbeCheck {
    if (!Number.isInteger(checks) || checks < 1) throw new Error(`remoteProbePassedCheck: checks must be a whole number of 1 or more, not ${checks}`);
    return {
        name: `${what} reports all ${checks} checks passed (${url})`,
        // The report is echoed indented, so its own PASS/FAIL lines are never read as this probe's.
        // A few hundred bytes from a host in the same VPC: 5 s per read is ample, and callers retry
        // it many times inside a Job deadline that also holds every other check (lib/probeBudget.ts).
        script: `report=$(curl -6 -fsS --max-time 5 ${shellQuote(url)}) && printf '%s\\n' "$report" | sed 's/^/  | /' && printf '%s\\n' "$report" | grep -qx ${shellQuote(`all ${checks} checks passed`)}`,
    };
}
