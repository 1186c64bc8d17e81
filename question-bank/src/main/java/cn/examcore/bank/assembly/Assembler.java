package cn.examcore.bank.assembly;

import cn.examcore.bank.model.Bank;
import java.util.List;

/**
 * 组卷: builds candidates' papers from a bank by a blueprint. These entry points prepare the bank on every call;
 * to assemble many papers from the same bank and blueprint, build one {@link AssemblyIndex} and reuse it.
 */
public final class Assembler {

    private Assembler() {
    }

    /**
     * Assembles form {@code form} (0 for the first) of the paper for {@code seed}. The same bank, blueprint,
     * seed and form always give the same paper.
     *
     * @throws AssemblyException when the blueprint is invalid or the bank cannot satisfy it
     */
    public static Paper assemble(Bank bank, Blueprint blueprint, long seed, int form) {
        return AssemblyIndex.of(bank, blueprint).assemble(seed, form);
    }

    /**
     * Assembles {@code count} parallel forms of {@code seed} that share no item.
     *
     * @throws AssemblyException when the blueprint is invalid or the bank cannot supply that many disjoint forms
     */
    public static List<Paper> assembleForms(Bank bank, Blueprint blueprint, long seed, int count) {
        return AssemblyIndex.of(bank, blueprint).assembleForms(seed, count);
    }
}
