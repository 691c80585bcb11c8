using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaudeGrains.Testing;

/// <summary>
/// Directives a test writes into its prompt so that tests sharing one fake each script their own answer.
/// A <see langword="null"/> member means the prompt did not say, and <see cref="FakeAnthropicApi.Behavior"/> applies.
/// </summary>
internal sealed partial record ReplyDirectives(int? DeltaCount, TimeSpan? DelayPerDelta, int? FailStatus, bool Hang, int? InputTokens)
{
    /// <summary>Reads every directive found in <paramref name="prompt"/>; the last one of a kind wins.</summary>
    public static ReplyDirectives Parse(string prompt)
    {
        int? deltas = LastNumber(DeltasPattern(), prompt);
        int? slow = LastNumber(SlowPattern(), prompt);
        int? fail = null;
        foreach (Match match in FailPattern().Matches(prompt))
        {
            var value = match.Groups[1].Value;
            fail = value.Equals("overloaded", StringComparison.OrdinalIgnoreCase)
                ? 529
                : int.Parse(value, CultureInfo.InvariantCulture);
        }

        return new ReplyDirectives(
            deltas,
            slow is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            fail,
            HangPattern().IsMatch(prompt),
            LastNumber(InputTokensPattern(), prompt));
    }

    /// <summary>The settings that apply: directives first, then the fake's global behaviour.</summary>
    public FakeApiBehavior Over(FakeApiBehavior fallback) => new()
    {
        DeltaCount = DeltaCount ?? fallback.DeltaCount,
        DelayPerDelta = DelayPerDelta ?? fallback.DelayPerDelta,
        FailStatus = FailStatus ?? fallback.FailStatus,
        Hang = Hang || fallback.Hang,
        AllowClientRetries = fallback.AllowClientRetries,
        InputTokens = InputTokens ?? fallback.InputTokens,
    };

    private static int? LastNumber(Regex pattern, string prompt)
    {
        int? result = null;
        foreach (Match match in pattern.Matches(prompt))
        {
            // Digits only, but an absurd length could still overflow; such a directive is ignored.
            if (int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                result = value;
            }
        }

        return result;
    }

    [GeneratedRegex(@"\[deltas:(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex DeltasPattern();

    [GeneratedRegex(@"\[slow:(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex SlowPattern();

    [GeneratedRegex(@"\[fail:([45]\d\d|overloaded)\]", RegexOptions.IgnoreCase)]
    private static partial Regex FailPattern();

    [GeneratedRegex(@"\[hang\]", RegexOptions.IgnoreCase)]
    private static partial Regex HangPattern();

    [GeneratedRegex(@"\[input-tokens:(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex InputTokensPattern();
}
