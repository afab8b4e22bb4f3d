/// The Keyfactor Command wire format, shared by the client (`KeyfactorAPI`) and the simulator.
public enum KeyfactorWire {}
