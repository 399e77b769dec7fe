/**
 * Address-and-port boxes: AWS evaluates network ACLs and security groups per packet, so a flow's
 * address set and port range pass when every packet of them passes. Several rules can cover a
 * range only together (NACL entries 1024-32767 and 32768-65535; two security group rules whose
 * CIDRs together cover a subnet); these helpers answer that by subtracting what each rule decides.
 */
import { P } from "./model";

export interface Box {
    lo: bigint;
    hi: bigint;
    plo: number;
    phi: number;
}

export function boxOf(cidr: string, ports: [number, number]): Box | undefined {
    const p = P(cidr);
    return p ? { lo: p.network, hi: p.last, plo: ports[0], phi: ports[1] } : undefined;
}

export function intersects(a: Box, b: Box): boolean {
    return a.lo <= b.hi && b.lo <= a.hi && a.plo <= b.phi && b.plo <= a.phi;
}

/** `a` minus `b`: at most four boxes (below, above in addresses; then below, above in ports). */
export function subtract(a: Box, b: Box): Box[] {
    if (!intersects(a, b)) return [a];
    const out: Box[] = [];
    if (a.lo < b.lo) out.push({ ...a, hi: b.lo - 1n });
    if (a.hi > b.hi) out.push({ ...a, lo: b.hi + 1n });
    const lo = a.lo > b.lo ? a.lo : b.lo;
    const hi = a.hi < b.hi ? a.hi : b.hi;
    if (a.plo < b.plo) out.push({ lo, hi, plo: a.plo, phi: b.plo - 1 });
    if (a.phi > b.phi) out.push({ lo, hi, plo: b.phi + 1, phi: a.phi });
    return out;
}

/** True when the union of `cidrs` (same family as `peer`) contains every address of `peer`. */
export function covered(peer: string, cidrs: string[]): boolean {
    let rest: Box[] = [];
    const b = boxOf(peer, [0, 0]);
    if (!b) return false;
    rest = [b];
    const fam = P(peer)!.family;
    for (const c of cidrs) {
        if (P(c)?.family !== fam) continue;
        const cb = boxOf(c, [0, 0])!;
        rest = rest.flatMap((x) => subtract(x, cb));
        if (rest.length === 0) return true;
    }
    return rest.length === 0;
}
