import KeyfactorWire

/// The Keyfactor Command client.
public enum KeyfactorAPI {}
