import type { FitMessages } from "@garmin/fitsdk";
import type { Device } from "./types.ts";
import { enumName, numOrNull } from "./values.ts";

// Sub-fields the SDK expands from `product` when the manufacturer has a named product list.
const PRODUCT_NAMES = ["garminProduct", "faveroProduct"] as const;

function productOf(m: Record<string, unknown>): string | null {
  for (const key of PRODUCT_NAMES) {
    const name = m[key];
    if (typeof name === "string" && name.length > 0) return name;
  }
  const product = m["product"];
  return typeof product === "number" && Number.isFinite(product) ? String(product) : enumName(product);
}

/** The recording device: file_id first, then the creator's device_info for what file_id leaves out. */
export function deviceOf(messages: FitMessages): Device {
  const fileId = (messages.fileIdMesgs?.[0] ?? {}) as Record<string, unknown>;
  const creator = (messages.deviceInfoMesgs?.find(
    (d) => d.deviceIndex === "creator" || d.deviceIndex === 0,
  ) ?? {}) as Record<string, unknown>;
  return {
    manufacturer: enumName(fileId["manufacturer"]) ?? enumName(creator["manufacturer"]),
    product: productOf(fileId) ?? productOf(creator),
    serialNumber: numOrNull(fileId["serialNumber"]) ?? numOrNull(creator["serialNumber"]),
  };
}
