/** The IPv6-aware reachability model: network model, packet walks, flow analysis and the plan section. */
export { buildModel, routeTableOf, type Model } from "./model";
export { walk, lookup, sgCheck, naclVerdict, type Packet, type Leg } from "./walk";
export { analyzeFlow, analyzeGraph, type Analysis, type FlowResult, type FlowStatus } from "./analyze";
export { flowsSection } from "./section";
