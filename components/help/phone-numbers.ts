// The police numbers from seed 003. They are facts, not translations, so they live here once.
export const emergencyNumber = "113";
export const anonymousPoliceLine = "080 12 00";

export const telHref = (number: string) => `tel:${number.replace(/\s/g, "")}`;
