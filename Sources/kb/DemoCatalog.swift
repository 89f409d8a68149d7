import RecLab

/// What each demo is, which paper it reproduces and which note it backs: the one table that
/// ties `kb demo` to the notes (notes point back with `demo: NAME` in their front matter).
struct DemoCatalog {
    let kind: DemoKind
    let title: String
    let paper: String
    /// One line for `kb demo list`.
    let shows: String
    /// The note this demo backs, relative to the root.
    let note: String
    /// The reference result, printed under the results table.
    let reference: String
    /// The model descriptions printed before training, by JSON name.
    let models: [(name: String, description: String)]
    /// The headline metric each learning curve tracks, and whether lower is better.
    let curveMetric: String
    let lowerIsBetter: Bool

    static let all: [DemoCatalog] = [mmoe, dcn, twoTower]

    static func entry(_ kind: DemoKind) -> DemoCatalog {
        all.first { $0.kind == kind } ?? mmoe
    }

    static let mmoe = DemoCatalog(
        kind: .mmoe, title: "MMoE vs OMoE vs shared-bottom",
        paper: "Ma et al., Modeling Task Relationships in Multi-task Learning with MMoE (KDD 2018), section 3.2",
        shows: "per-task gates help more the less related two tasks are",
        note: "Notes/ranking/multi-task-learning.md",
        reference: "issue's PyTorch run: shared-bottom/MMoE test MSE ratio about 1.5 at p = 0.5 (mean of 3 seeds)",
        models: [
            ("mmoe", "8 experts Linear(16,16)+ReLU, one softmax gate Linear(16,8) per task, towers 16-8-1 (ReLU biases start at +0.1)"),
            ("omoe", "the same experts and towers, one gate shared by both tasks"),
            ("shared-bottom", "Linear(16,82)+ReLU shared, towers 82-8-1 (the baseline; same tower init)"),
        ],
        curveMetric: "test MSE", lowerIsBetter: true)

    static let dcn = DemoCatalog(
        kind: .dcn, title: "DCN-V2 vs MLP vs logistic regression",
        paper: "Wang et al., Deep & Cross Network (ADKDD 2017), eq. 3; DCN V2 (WWW 2021), eq. 1",
        shows: "an explicit cross layer learns feature products an equal-size MLP only approximates",
        note: "Notes/ranking/dcn-feature-crosses.md",
        reference: "issue: DCN-V2 within 0.015 of Bayes log loss; MLP 0.015 worse and 0.008 lower AUC; LR AUC <= 0.62",
        models: [
            ("lr", "logistic regression, Linear(16,1) (the baseline)"),
            ("mlp", "MLP 16-16(ReLU)-1"),
            ("dcn-v2", "one cross layer x1 = x0 * (W x0 + b) + x0, then Linear(16,1)"),
            ("dcn", "DCN v1: two cross layers x0 (x_l . w) + b + x_l, then Linear(16,1)"),
            ("bayes", "the true logit z: the best any model can do"),
        ],
        curveMetric: "test log loss", lowerIsBetter: true)

    static let twoTower = DemoCatalog(
        kind: .twoTower, title: "Two-tower retrieval with in-batch softmax and logQ correction",
        paper: "Yi et al., Sampling-Bias-Corrected Neural Modeling for Large Corpus Item Recommendations (RecSys 2019)",
        shows: "in-batch negatives punish popular items unless each logit subtracts log q",
        note: "Notes/retrieval/two-tower.md",
        reference: "issue: with logQ recall@10 >= 2x popularity and >= 0.15 above without; without, >= 40% tail slots",
        models: [
            ("two-tower", "user and item Embedding(., 16), dot product, in-batch softmax over 128"),
            ("popularity", "the most frequent training items (the baseline)"),
            ("oracle", "the true logit a + b: the ceiling"),
        ],
        curveMetric: "test recall@10", lowerIsBetter: false)
}
