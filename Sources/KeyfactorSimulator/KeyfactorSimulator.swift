import KeyfactorWire

/// A faithful stand-in for Keyfactor Command.
public enum KeyfactorSimulatorNamespace {}
