using ClaudeGrains.Benchmarks.Raw;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>One streamed turn: as its caller saw it and, for a session, as a stream subscriber on another client saw it.</summary>
internal readonly record struct StreamingSample(TurnTiming Caller, TurnTiming Subscriber);
