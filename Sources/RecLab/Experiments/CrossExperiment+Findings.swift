/// The "must show" of the DCN demo, checked on one seed.
extension CrossExperiment {
    public static let bayesMargin = 0.015
    public static let mlpLogLossGap = 0.015
    public static let mlpAUCGap = 0.008
    public static let linearAUCCeiling = 0.62
    public static let crossRMSECeiling = 0.05
    public static let mlpRMSEFloor = 0.5

    public static func findings(_ report: DemoReport) -> [Finding] {
        guard let cross = report.run("dcn-v2"), let mlp = report.run("mlp") else { return [] }
        if let crossRMSE = cross["rmse"], let mlpRMSE = mlp["rmse"] {
            return [
                Finding(
                    "DCN-V2 RMSE below \(fixed(crossRMSECeiling, 2))", holds: crossRMSE < crossRMSECeiling,
                    measured: "RMSE \(fixed(crossRMSE, 3))"),
                Finding(
                    "MLP RMSE above \(fixed(mlpRMSEFloor, 1))", holds: mlpRMSE > mlpRMSEFloor,
                    measured: "RMSE \(fixed(mlpRMSE, 3))"),
            ]
        }
        var found: [Finding] = []
        if let loss = cross["logLoss"], let bayes = report.run("bayes")?["logLoss"] {
            found.append(
                Finding(
                    "DCN-V2 log loss within \(fixed(bayesMargin, 3)) of Bayes", holds: loss - bayes <= bayesMargin,
                    measured: "+\(fixed(loss - bayes, 4))"))
        }
        if let loss = cross["logLoss"], let mlpLoss = mlp["logLoss"] {
            found.append(
                Finding(
                    "MLP log loss at least \(fixed(mlpLogLossGap, 3)) worse than DCN-V2",
                    holds: mlpLoss - loss >= mlpLogLossGap, measured: "+\(fixed(mlpLoss - loss, 4))"))
        }
        if let auc = cross["auc"], let mlpAUC = mlp["auc"] {
            found.append(
                Finding(
                    "MLP AUC at least \(fixed(mlpAUCGap, 3)) below DCN-V2", holds: auc - mlpAUC >= mlpAUCGap,
                    measured: "−\(fixed(auc - mlpAUC, 4))"))
        }
        if let linearAUC = report.run("lr")?["auc"] {
            found.append(
                Finding(
                    "logistic regression AUC at most \(fixed(linearAUCCeiling, 2))",
                    holds: linearAUC <= linearAUCCeiling, measured: "AUC \(fixed(linearAUC, 4))"))
        }
        return found
    }
}
